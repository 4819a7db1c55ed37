// Times copy_mnt_ns (unshare(CLONE_NEWNS)) and the detach of a T-mount subtree in the copy.
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
int main(int argc,char**argv){
  int T=atoi(argv[1]); int reps=atoi(argv[2]);
  if(unshare(CLONE_NEWNS)) {perror("unshare");return 1;}
  mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL);
  mkdir("/tmp/nsm/base",0755);
  if(mount("tmpfs","/tmp/nsm/base","tmpfs",0,NULL)){perror("tmpfs");return 1;}
  char p[256];
  for(int i=0;i<T;i++){snprintf(p,sizeof p,"/tmp/nsm/base/d%d",i);mkdir(p,0755);
    if(mount("/tmp/nsm/base",p,NULL,MS_BIND,NULL)){perror("bind");return 1;}}
  double copy=0,detach=0;
  for(int r=0;r<reps;r++){
    int fd[2]; pipe(fd);
    pid_t c=fork();
    if(c==0){double a=now(); unshare(CLONE_NEWNS); double b=now();
      umount2("/tmp/nsm/base",MNT_DETACH); double d=now();
      double v[2]={b-a,d-b}; write(fd[1],v,sizeof v); _exit(0);}
    double v[2]; read(fd[0],v,sizeof v); waitpid(c,NULL,0); close(fd[0]);close(fd[1]);
    copy+=v[0]; detach+=v[1];}
  FILE*f=fopen("/proc/self/mountinfo","r");int lines=0;char buf[4096];while(fgets(buf,sizeof buf,f))lines++;
  printf("%d,%d,%.1f,%.1f\n",T,lines,copy/reps,detach/reps);
  return 0;}
